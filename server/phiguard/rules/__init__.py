"""Loading, validating and running the data-driven rules in shared_rules/."""

from .load_rule_packs import core_pack_dir, load_rule_set
from .rule_set import CompiledRule, RulePackError, RuleSet

__all__ = ["RuleSet", "CompiledRule", "RulePackError", "load_rule_set", "core_pack_dir"]
