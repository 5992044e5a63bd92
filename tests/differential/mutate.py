#!/usr/bin/env python3
"""Mutants of a CloudFormation template, made deterministically from a seed.

Each mutation takes a loaded template (see cfntemplate), changes one thing
and says what it did; `mutants()` makes K mutants of one template, each
with a different kind of mutation where the template allows it.  Kinds:

  if-both            wrap a property value in Fn::If [cond, value, value]
  if-novalue         wrap a property value in Fn::If [cond, value, AWS::NoValue]
                     (or the branches the other way round)
  resource-condition give a resource a Condition
  unused-condition   add a condition nothing uses
  literal-to-param   turn a literal property value into a Ref to a new
                     parameter with that Default and AllowedValues
  drop-required      drop a property the resource type's schema requires
  drop-property      drop a property (when no schema says what is required)
  misspell-key       misspell a property name
  misspell-enum      misspell a value the schema lists in an enum
  forms-long         write every short-form tag long (`Ref: X`)
  forms-short        write every long-form function as a short tag
  form-swap-one      swap the form of a single function
  to-json / to-yaml  change the file format

The conditions the Fn::If and Condition mutations use are existing ones or
new ones over new parameters (Fn::Equals of a Ref to a parameter with a
Default and AllowedValues, sometimes under Fn::Not, Fn::And or Fn::Or).

Run alone: mutate.py TEMPLATE [--seed N] [-k K] [--out DIR] [--cfnfix PATH]
writes the mutants to DIR (default: prints what each did).
"""
import argparse
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cfntemplate as cft  # noqa: E402
from cfntemplate import Fn, function  # noqa: E402

NOVALUE = "AWS::NoValue"


# --- resource schemas (from cfnfix's own data: `cfnfix spec show`) --------

class SpecSchemas:
    """Resource type -> JSON schema, read from `cfnfix spec show TYPE`."""

    def __init__(self, cfnfix, region="us-east-1"):
        self.cfnfix, self.region, self.cache = cfnfix, region, {}

    def __call__(self, rtype):
        if rtype not in self.cache:
            self.cache[rtype] = self._read(rtype)
        return self.cache[rtype]

    def _read(self, rtype):
        import json
        try:
            out = subprocess.run([self.cfnfix, "spec", "show", rtype, "--region", self.region],
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                 timeout=30).stdout.decode("utf-8", "replace")
        except (OSError, subprocess.TimeoutExpired):
            return None
        start = out.find("\n{")
        if start < 0:
            return None
        try:
            return json.loads(out[start + 1:])
        except ValueError:
            return None


def _resolve(schema, node, depth=0):
    """node with a "$ref" followed (within schema's definitions)."""
    while isinstance(node, dict) and "$ref" in node and depth < 20:
        ref = node["$ref"]
        if not ref.startswith("#/"):
            return None
        node = schema
        for part in ref[2:].split("/"):
            node = node.get(part) if isinstance(node, dict) else None
        depth += 1
    return node if isinstance(node, dict) else None


def schema_at(schema, keys):
    """The sub-schema of a resource schema for the property path keys
    (names and list indexes under Properties), or None."""
    node = _resolve(schema, schema)
    for k in keys:
        if node is None:
            return None
        if isinstance(k, int):
            node = _resolve(schema, node.get("items"))
        else:
            props = node.get("properties")
            node = _resolve(schema, props.get(k)) if isinstance(props, dict) else None
    return node


# --- walking a template ---------------------------------------------------

def resources(t):
    res = t.get("Resources") if isinstance(t, dict) else None
    if not isinstance(res, dict):
        return []
    return [(name, r) for name, r in res.items()
            if isinstance(name, str) and isinstance(r, dict) and isinstance(r.get("Type"), str)]


def property_sites(t, leaves_only=False):
    """(resource name, resource, key path under Properties, parent, key,
    value) for every property value outside intrinsic functions."""
    out = []

    def walk(name, r, path, parent, key, value):
        if function(value) is not None:
            if not leaves_only:
                out.append((name, r, path, parent, key, value))
            return
        is_leaf = not isinstance(value, (dict, list))
        if is_leaf or not leaves_only:
            out.append((name, r, path, parent, key, value))
        if isinstance(value, dict):
            for k, v in value.items():
                if isinstance(k, str):
                    walk(name, r, path + [k], value, k, v)
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(name, r, path + [i], value, i, v)

    for name, r in resources(t):
        props = r.get("Properties")
        if isinstance(props, dict):
            for k, v in props.items():
                if isinstance(k, str):
                    walk(name, r, [k], props, k, v)
    return out


def path_text(name, path):
    return "/".join(["Resources", name, "Properties"] + [str(p) for p in path])


def is_sam(r):
    return r.get("Type", "").startswith("AWS::Serverless::")


def all_functions(node, out=None, parent=None, key=None):
    """(parent, key, node) of every intrinsic function in node, outermost
    first."""
    if out is None:
        out = []
    if function(node) is not None:
        out.append((parent, key, node))
    value = node.value if isinstance(node, Fn) else node
    if isinstance(value, dict):
        for k, v in value.items():
            all_functions(v, out, value, k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            all_functions(v, out, value, i)
    return out


# --- building blocks ------------------------------------------------------

class Ctx:
    """What one mutation may use: the template, its format, a random
    source, a schema provider, and notes on what was done."""

    def __init__(self, t, fmt, rng, schemas):
        self.t, self.fmt, self.rng, self.schemas = t, fmt, rng, schemas
        self.notes = []
        self.short = fmt == "yaml" and rng.random() < 0.5

    def fn(self, name, value):
        return Fn(name, value) if self.short else {name: value}

    def fresh(self, section, stem):
        sec = self.t.get(section)
        used = set(sec) if isinstance(sec, dict) else set()
        i = 1
        while "%s%d" % (stem, i) in used:
            i += 1
        return "%s%d" % (stem, i)

    def section(self, name):
        sec = self.t.get(name)
        if sec is None:
            sec = self.t[name] = {}
        return sec if isinstance(sec, dict) else None

    def new_parameter(self, ptype, default, allowed):
        params = self.section("Parameters")
        if params is None:
            return None
        name = self.fresh("Parameters", "DtParam")
        params[name] = {"Type": ptype, "Default": default, "AllowedValues": allowed}
        self.notes.append("new parameter %s (Type %s, Default %r, AllowedValues %r)"
                          % (name, ptype, default, allowed))
        return name

    def condition(self, allow_existing=True):
        """The name of a condition to use: an existing one, or a new one
        over a new parameter."""
        conds = self.t.get("Conditions")
        if conds is not None and not isinstance(conds, dict):
            return None
        existing = [c for c in (conds or {}) if isinstance(c, str)]
        if allow_existing and existing and self.rng.random() < 0.4:
            name = self.rng.choice(existing)
            self.notes.append("existing condition %s" % name)
            return name
        expr = self.condition_expr(existing)
        if expr is None:
            return None
        conds = self.section("Conditions")
        name = self.fresh("Conditions", "DtCond")
        conds[name] = expr
        self.notes.append("new condition %s = %s" % (name, describe(expr)))
        return name

    def equals(self):
        values = self.rng.choice([["dev", "prod"], ["true", "false"], ["a", "b", "c"]])
        p = self.new_parameter("String", values[0], list(values))
        if p is None:
            return None
        return self.fn("Fn::Equals", [self.fn("Ref", p), self.rng.choice(values)])

    def condition_expr(self, existing):
        eq = self.equals()
        if eq is None:
            return None
        kind = self.rng.choice(["equals", "equals", "not", "and", "or"])
        if kind == "equals":
            return eq
        if kind == "not":
            return self.fn("Fn::Not", [eq])
        other = (self.fn("Condition", self.rng.choice(existing))
                 if existing and self.rng.random() < 0.5 else self.equals())
        if other is None:
            return eq
        return self.fn("Fn::And" if kind == "and" else "Fn::Or", [eq, other])


def describe(node, limit=120):
    text = cft.dumps(cft.long_form(node), "json")
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def misspell(word, rng):
    """A different spelling of word (a dropped, doubled or swapped letter,
    or one letter's case changed)."""
    if not word:
        return "x"
    for _ in range(20):
        i = rng.randrange(len(word))
        op = rng.choice(["drop", "double", "swap", "case"])
        if op == "drop" and len(word) > 1:
            w = word[:i] + word[i + 1:]
        elif op == "double":
            w = word[:i + 1] + word[i] + word[i + 1:]
        elif op == "swap" and i + 1 < len(word):
            w = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        elif op == "case" and word[i].isalpha():
            w = word[:i] + word[i].swapcase() + word[i + 1:]
        else:
            continue
        if w != word:
            return w
    return word + "x"


# --- the mutations: each returns a description, or None when it cannot
# --- apply to this template -----------------------------------------------

def _value_sites(ctx):
    return [s for s in property_sites(ctx.t) if not is_sam(s[1])]


def m_if_both(ctx):
    sites = _value_sites(ctx)
    if not sites:
        return None
    name, r, path, parent, key, value = ctx.rng.choice(sites)
    cond = ctx.condition()
    if cond is None:
        return None
    parent[key] = ctx.fn("Fn::If", [cond, value, cft.deepcopy(value)])
    return "%s wrapped in Fn::If [%s, value, value]" % (path_text(name, path), cond)


def m_if_novalue(ctx):
    sites = _value_sites(ctx)
    if not sites:
        return None
    name, r, path, parent, key, value = ctx.rng.choice(sites)
    cond = ctx.condition()
    if cond is None:
        return None
    novalue = ctx.fn("Ref", NOVALUE)
    if ctx.rng.random() < 0.5:
        parent[key] = ctx.fn("Fn::If", [cond, value, novalue])
        order = "value, AWS::NoValue"
    else:
        parent[key] = ctx.fn("Fn::If", [cond, novalue, value])
        order = "AWS::NoValue, value"
    return "%s wrapped in Fn::If [%s, %s]" % (path_text(name, path), cond, order)


def m_resource_condition(ctx):
    res = [(n, r) for n, r in resources(ctx.t) if "Condition" not in r]
    if not res:
        return None
    name, r = ctx.rng.choice(res)
    cond = ctx.condition()
    if cond is None:
        return None
    r["Condition"] = cond
    return "resource %s given Condition %s" % (name, cond)


def m_unused_condition(ctx):
    cond = ctx.condition(allow_existing=False)
    if cond is None:
        return None
    return "condition %s added, used nowhere" % cond


def _scalar(v):
    return isinstance(v, (str, int, float, bool))


def m_literal_to_param(ctx):
    sites = [s for s in property_sites(ctx.t, leaves_only=True)
             if not is_sam(s[1]) and _scalar(s[5]) and function(s[5]) is None
             and not (isinstance(s[5], str) and "\n" in s[5])]
    if not sites:
        return None
    name, r, path, parent, key, value = ctx.rng.choice(sites)
    if isinstance(value, bool):
        ptype, default = "String", "true" if value else "false"
    elif isinstance(value, (int, float)):
        ptype, default = "Number", value
    else:
        ptype, default = "String", value
    others = [s[5] for s in sites if type(s[5]) is type(value) and s[5] != value]
    choice = ctx.rng.random()
    if ptype == "String" and choice < 0.3:
        allowed = [default, misspell(default, ctx.rng)]
    elif others and choice < 0.6:
        alt = ctx.rng.choice(others)
        allowed = [default, alt if ptype == "Number" else str(alt)]
    else:
        allowed = [default]
    p = ctx.new_parameter(ptype, default, allowed)
    if p is None:
        return None
    parent[key] = ctx.fn("Ref", p)
    return "%s (%r) now Ref %s" % (path_text(name, path), value, p)


def _required_sites(ctx):
    """(name, path, parent dict, key) of properties a schema requires and
    the template sets."""
    out = []
    for name, r, path, parent, key, value in property_sites(ctx.t):
        if not isinstance(key, str) or not isinstance(parent, dict) or ctx.schemas is None:
            continue
        schema = ctx.schemas(r["Type"])
        if not schema:
            continue
        owner = schema_at(schema, path[:-1])
        req = owner.get("required") if owner else None
        if isinstance(req, list) and key in req:
            out.append((name, path, parent, key))
    return out


def m_drop_required(ctx):
    sites = _required_sites(ctx)
    if not sites:
        return None
    name, path, parent, key = ctx.rng.choice(sites)
    del parent[key]
    return "required property %s dropped" % path_text(name, path)


def m_drop_property(ctx):
    if ctx.schemas is not None and _required_sites(ctx):
        return None   # drop-required does this better
    sites = [s for s in property_sites(ctx.t) if isinstance(s[4], str)]
    if not sites:
        return None
    name, r, path, parent, key, value = ctx.rng.choice(sites)
    del parent[key]
    return "property %s dropped" % path_text(name, path)


def m_misspell_key(ctx):
    sites = [s for s in property_sites(ctx.t) if isinstance(s[4], str) and isinstance(s[3], dict)]
    if not sites:
        return None
    name, r, path, parent, key, value = ctx.rng.choice(sites)
    new = misspell(key, ctx.rng)
    if new in parent:
        return None
    items = [(new if k == key else k, v) for k, v in parent.items()]
    parent.clear()
    parent.update(items)
    return "property %s renamed %s" % (path_text(name, path), new)


def m_misspell_enum(ctx):
    if ctx.schemas is None:
        return None
    sites = []
    for name, r, path, parent, key, value in property_sites(ctx.t, leaves_only=True):
        if not isinstance(value, str):
            continue
        schema = ctx.schemas(r["Type"])
        node = schema_at(schema, path) if schema else None
        enum = node.get("enum") if node else None
        if isinstance(enum, list) and value in enum:
            sites.append((name, path, parent, key, value, enum))
    if not sites:
        return None
    name, path, parent, key, value, enum = ctx.rng.choice(sites)
    new = misspell(value, ctx.rng)
    if new in enum:
        return None
    parent[key] = new
    return "enum value %s %r misspelled %r" % (path_text(name, path), value, new)


def _rewrite(node, convert):
    """node with convert applied to every function, innermost first."""
    if isinstance(node, Fn):
        node = Fn(node.name, _rewrite(node.value, convert))
    elif isinstance(node, dict):
        node = {k: _rewrite(v, convert) for k, v in node.items()}
    elif isinstance(node, list):
        node = [_rewrite(v, convert) for v in node]
    return convert(node) if function(node) is not None else node


def _replace_all(ctx, convert, want):
    funcs = [f for _, _, f in all_functions(ctx.t) if isinstance(f, Fn) == want]
    if ctx.fmt != "yaml" or not funcs:
        return 0
    new = _rewrite(ctx.t, convert)
    ctx.t.clear()
    ctx.t.update(new)
    return len(funcs)


def m_forms_long(ctx):
    n = _replace_all(ctx, cft.to_long, True)
    return "%d short-form tags written long" % n if n else None


def m_forms_short(ctx):
    n = _replace_all(ctx, cft.to_short, False)
    return "%d long-form functions written as short tags" % n if n else None


def m_form_swap_one(ctx):
    if ctx.fmt != "yaml":
        return None
    sites = [(p, k, f) for p, k, f in all_functions(ctx.t) if p is not None]
    if not sites:
        return None
    parent, key, f = ctx.rng.choice(sites)
    new = cft.to_long(f) if isinstance(f, Fn) else cft.to_short(f)
    if new is f:
        return None
    parent[key] = new
    return "%s written %s" % (function(f)[0], "long" if isinstance(f, Fn) else "short")


def m_to_json(ctx):
    if ctx.fmt != "yaml":
        return None
    ctx.fmt = "json"
    return "YAML written as JSON"


def m_to_yaml(ctx):
    if ctx.fmt != "json":
        return None
    ctx.fmt = "yaml"
    return "JSON written as YAML"


MUTATIONS = [
    ("if-both", m_if_both),
    ("if-novalue", m_if_novalue),
    ("resource-condition", m_resource_condition),
    ("unused-condition", m_unused_condition),
    ("literal-to-param", m_literal_to_param),
    ("drop-required", m_drop_required),
    ("drop-property", m_drop_property),
    ("misspell-key", m_misspell_key),
    ("misspell-enum", m_misspell_enum),
    ("forms-long", m_forms_long),
    ("forms-short", m_forms_short),
    ("form-swap-one", m_form_swap_one),
    ("to-json", m_to_json),
    ("to-yaml", m_to_yaml),
]
KINDS = [k for k, _ in MUTATIONS]


class Mutant:
    def __init__(self, kind, description, notes, template, fmt):
        self.kind, self.description, self.notes = kind, description, notes
        self.template, self.fmt = template, fmt

    @property
    def text(self):
        return cft.dumps(self.template, self.fmt)

    @property
    def record(self):
        """One line: which mutation made this mutant, and what it did."""
        rest = "; ".join([self.description] + self.notes)
        return "%s: %s" % (self.kind, rest)


def mutate(template, fmt, kind, rng, schemas=None):
    """One mutant of template made by the mutation kind, or None when that
    mutation does not apply.  template is left untouched."""
    fun = dict(MUTATIONS)[kind]
    t = cft.deepcopy(template)
    if not isinstance(t, dict):
        return None
    ctx = Ctx(t, fmt, rng, schemas)
    try:
        desc = fun(ctx)
    except (RecursionError, TypeError, AttributeError, KeyError):
        return None
    if desc is None:
        return None
    return Mutant(kind, desc, ctx.notes, ctx.t, ctx.fmt)


def mutants(template, fmt, seed, k, schemas=None, kinds=None):
    """Up to k mutants of template, deterministic for (seed, template):
    different kinds first, kinds tried in an order drawn from the seed."""
    order_rng = random.Random("%s:order" % seed)
    pool = list(kinds or KINDS)
    order_rng.shuffle(pool)
    out, tries = [], 0
    i = 0
    while len(out) < k and tries < 3 * len(pool) + k:
        kind = pool[i % len(pool)]
        i += 1
        tries += 1
        rng = random.Random("%s:%d:%s" % (seed, tries, kind))
        m = mutate(template, fmt, kind, rng, schemas)
        if m is None:
            continue
        text = m.text
        if any(o.text == text for o in out):
            continue
        out.append(m)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("template")
    ap.add_argument("--seed", default="1")
    ap.add_argument("-k", type=int, default=5, help="how many mutants (default 5)")
    ap.add_argument("--kinds", help="comma-separated mutation kinds to use (default: all)")
    ap.add_argument("--out", help="write the mutants to this folder")
    ap.add_argument("--cfnfix", help="cfnfix binary whose `spec show` gives resource schemas")
    a = ap.parse_args()
    template, fmt = cft.load(a.template)
    schemas = SpecSchemas(a.cfnfix) if a.cfnfix else None
    kinds = a.kinds.split(",") if a.kinds else None
    for bad in set(kinds or []) - set(KINDS):
        ap.error("unknown mutation kind %s (known: %s)" % (bad, ", ".join(KINDS)))
    ms = mutants(template, fmt, a.seed, a.k, schemas, kinds)
    for j, m in enumerate(ms, 1):
        if a.out:
            os.makedirs(a.out, exist_ok=True)
            path = os.path.join(a.out, "m%d.%s" % (j, m.fmt))
            with open(path, "w") as f:
                f.write(m.text)
            print("%s\t%s" % (path, m.record))
        else:
            print("m%d\t%s" % (j, m.record))
    return 0


if __name__ == "__main__":
    sys.exit(main())
