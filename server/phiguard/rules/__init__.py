"""Loading, validating and running the data-driven rules in shared_rules/."""

from .rule_set import RuleSet, CompiledRule, RulePackError
from .load_rule_packs import load_rule_set, core_pack_dir

__all__ = ["RuleSet", "CompiledRule", "RulePackError", "load_rule_set", "core_pack_dir"]
