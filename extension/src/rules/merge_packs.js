// Merge parsed rule-pack files into one rule set, as shared_rules/SPEC.md ("Packs and files") says.
//
// Mirrors load_rule_set() in server/phiguard/rules/load_rule_packs.py, minus the JSON Schema check
// (no validator library in the extension; the server checks every file against
// schema/pack.schema.json). Here we refuse only what would make matching wrong. Rules are kept raw;
// compile_rules.js compiles them once every vocabulary is known, because a later pack may add terms
// to a vocabulary that a core rule uses.

export class RulePackError extends Error {
  constructor(path, message) {
    super(`${path}: ${message}`);
    this.name = 'RulePackError';
    this.path = path;
  }
}

// A file's pack is its `pack` label when collect_rules.mjs gave one, else the first path segment
// ("core/rules/age.json" belongs to "core").
function packOf(file) {
  return file.pack ?? String(file.path).split('/')[0];
}

function isPlainObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * @param {{path: string, data: object, pack?: string}[]} files  in load order: the core pack's
 *   files first, then each organisation pack's; within a pack, in sorted path order.
 * @returns the merged, still uncompiled rule set (plain JSON data).
 */
export function mergePacks(files) {
  const merged = {
    packs: [],
    settings: {},
    entities: {},
    vocabularies: {},
    rules: [], // raw rules, each with `source`: the path of its file
    allow: [],
    severity_overrides: {},
    rewrite: {},
    practice_model: null, // a later pack's model replaces the core one whole
  };
  const ruleSources = new Map();
  const allow = new Set();
  let currentPack = null; // {label, info, firstPath}

  const closePack = () => {
    if (currentPack === null) return;
    if (currentPack.info === null) {
      throw new RulePackError(currentPack.label,
        "no file in this pack has a 'pack' header with its name and version");
    }
    merged.packs.push(currentPack.info);
  };

  for (const file of files) {
    const { path, data } = file;
    if (!isPlainObject(data)) throw new RulePackError(path, 'a rule-pack file must hold one JSON object');
    const label = packOf(file);
    if (currentPack === null || currentPack.label !== label) {
      closePack();
      currentPack = { label, info: null };
    }
    if (data.pack !== undefined) {
      if (currentPack.info !== null) {
        throw new RulePackError(path, `a second 'pack' header (the first is in ${currentPack.info.path})`);
      }
      currentPack.info = { name: data.pack.name, version: data.pack.version,
        description: data.pack.description ?? '', path };
    }
    // Shallow, like Python's dict.update: a pack that sets `risk_explanations` replaces all four.
    Object.assign(merged.settings, data.settings ?? {});
    Object.assign(merged.entities, data.entities ?? {});
    for (const vocabulary of data.vocabularies ?? []) {
      (merged.vocabularies[vocabulary.id] ??= []).push(...vocabulary.terms);
    }
    for (const rule of data.rules ?? []) {
      if (ruleSources.has(rule.id)) {
        throw new RulePackError(path, `rule id '${rule.id}' is already used in ${ruleSources.get(rule.id)}`);
      }
      ruleSources.set(rule.id, path);
      merged.rules.push({ ...rule, source: path });
    }
    for (const term of data.allow ?? []) allow.add(term.trim().toLowerCase());
    Object.assign(merged.severity_overrides, data.severity_overrides ?? {});
    Object.assign(merged.rewrite, data.rewrite ?? {});
    if (data.practice_model !== undefined) merged.practice_model = data.practice_model;
  }
  closePack();
  merged.allow = [...allow];
  return merged;
}
