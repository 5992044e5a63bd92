"""Load and write CloudFormation templates (YAML and JSON) for the
differential tests, keeping what matters to a linter across a round trip.

- Short-form tags (`!Ref X`, `!GetAtt A.B`, `!If [...]`) load as `Fn`
  objects and are written back as the same tags; `to_long`/`to_short`
  convert between the two forms.
- Scalars keep their text where PyYAML would change it: no timestamps
  (`2010-09-09` stays a string), only decimal integers (`0755` stays a
  string), and floats remember how they were written (`5.10`, not 5.1).
- Key order is kept; aliases are expanded on writing.

Only the Python standard library and PyYAML (which cfn-lint installs) are
used.
"""
import json
import re

import yaml

FN_PREFIX = "Fn::"
# functions whose short tag is not "Fn::" + the tag's name
_UNPREFIXED = ("Ref", "Condition")


class Fn:
    """An intrinsic function written in short form: `!NAME value`.

    name is the long-form key ("Ref", "Condition", "Fn::GetAtt"); value is
    what the tag holds (a str for `!GetAtt A.B`, a list, a dict)."""

    __slots__ = ("name", "value")

    def __init__(self, name, value):
        self.name = name
        self.value = value

    @property
    def tag(self):
        return "!" + (self.name[len(FN_PREFIX):] if self.name.startswith(FN_PREFIX) else self.name)

    def __eq__(self, other):
        return isinstance(other, Fn) and other.name == self.name and other.value == self.value

    def __hash__(self):
        return hash(self.name)

    def __repr__(self):
        return "Fn(%r, %r)" % (self.name, self.value)


class FloatText(float):
    """A float that is written back exactly as it was read."""

    def __new__(cls, text):
        self = float.__new__(cls, text.replace("_", ""))
        self.text = text
        return self


def fn_name_of_tag(suffix):
    return suffix if suffix in _UNPREFIXED else FN_PREFIX + suffix


def function(node):
    """(name, argument) when node is an intrinsic function in either form,
    else None.  `!GetAtt A.B` gives ("Fn::GetAtt", "A.B")."""
    if isinstance(node, Fn):
        return node.name, node.value
    if isinstance(node, dict) and len(node) == 1:
        (key, value), = node.items()
        if isinstance(key, str) and (key in _UNPREFIXED or key.startswith(FN_PREFIX)):
            return key, value
    return None


# --- YAML -----------------------------------------------------------------

class _Resolver(yaml.resolver.BaseResolver):
    pass


for _tag, _regexp, _first in (
        ("tag:yaml.org,2002:bool",
         r"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$",
         "yYnNtTfFoO"),
        ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
        ("tag:yaml.org,2002:float",
         r"^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
         "-+0123456789."),
        ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
        ("tag:yaml.org,2002:merge", r"^(?:<<)$", "<")):
    _Resolver.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))


class CfnLoader(yaml.SafeLoader):
    yaml_implicit_resolvers = _Resolver.yaml_implicit_resolvers


def _construct_float(loader, node):
    return FloatText(loader.construct_scalar(node))


def _construct_tag(loader, suffix, node):
    name = fn_name_of_tag(suffix)
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return Fn(name, value)


CfnLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
CfnLoader.add_multi_constructor("!", _construct_tag)


class CfnDumper(yaml.SafeDumper):
    yaml_implicit_resolvers = _Resolver.yaml_implicit_resolvers

    def ignore_aliases(self, data):
        return True

    def choose_scalar_style(self):
        # PyYAML quotes every tagged scalar; `!Ref X` reads better plain,
        # and plain is what templates use.
        style = super().choose_scalar_style()
        ev = self.event
        if style == "'" and not ev.style and ev.tag and ev.tag.startswith("!") \
                and not ev.tag.startswith("!!"):
            a = self.analysis
            if not a.empty and not a.multiline and (
                    (self.flow_level and a.allow_flow_plain)
                    or (not self.flow_level and a.allow_block_plain)):
                return ""
        return style


def _simple(node):
    return not isinstance(node, (dict, list)) and not (
        isinstance(node, Fn) and isinstance(node.value, (dict, list)))


def _represent_fn(dumper, fn):
    if isinstance(fn.value, list):
        flow = all(_simple(v) for v in fn.value) and len(fn.value) <= 6
        return dumper.represent_sequence(fn.tag, fn.value, flow_style=flow)
    if isinstance(fn.value, dict):
        return dumper.represent_mapping(fn.tag, fn.value, flow_style=False)
    if fn.value is None:
        return dumper.represent_scalar(fn.tag, "")
    text = fn.value if isinstance(fn.value, str) else _scalar_text(fn.value)
    style = "|" if "\n" in text else None
    node = dumper.represent_scalar(fn.tag, text, style=style)
    return node


def _scalar_text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, FloatText):
        return value.text
    return str(value)


def _represent_float(dumper, value):
    return dumper.represent_scalar("tag:yaml.org,2002:float", value.text)


# Scalars PyYAML's own loader (cfn-lint's) reads as something else when
# plain: '=' is the YAML "value" tag, '<<' the merge key.
_QUOTED = {"=", "<<"}


def _represent_str(dumper, value):
    if value in _QUOTED:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="'")
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_str(value)


def _represent_dict(dumper, value):
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=False)


CfnDumper.add_representer(Fn, _represent_fn)
CfnDumper.add_representer(FloatText, _represent_float)
CfnDumper.add_representer(str, _represent_str)
CfnDumper.add_representer(dict, _represent_dict)


# --- JSON -----------------------------------------------------------------

def _json_text(node, indent, level):
    pad = " " * (indent * (level + 1))
    end = " " * (indent * level)
    if isinstance(node, Fn):
        node = to_long(node)
    if isinstance(node, dict):
        if not node:
            return "{}"
        items = ["%s%s: %s" % (pad, json.dumps(str(k)), _json_text(v, indent, level + 1))
                 for k, v in node.items()]
        return "{\n" + ",\n".join(items) + "\n" + end + "}"
    if isinstance(node, list):
        if not node:
            return "[]"
        items = [pad + _json_text(v, indent, level + 1) for v in node]
        return "[\n" + ",\n".join(items) + "\n" + end + "]"
    if isinstance(node, FloatText):
        text = node.text.replace("_", "")
        try:
            json.loads(text)
            return text
        except ValueError:
            return json.dumps(float(node))
    return json.dumps(node)


# --- the interface --------------------------------------------------------

def looks_like_json(text):
    return text.lstrip("\ufeff \t\r\n").startswith("{")


MAX_NODES = 200000


def expanded_size(node):
    """How many nodes node has once aliases are expanded; raises
    ValueError when that is over MAX_NODES or node contains itself (YAML
    aliases can make both)."""
    sizes, busy = {}, set()

    def size(n):
        if isinstance(n, Fn):
            n = n.value
        if not isinstance(n, (dict, list)):
            return 1
        if id(n) in sizes:
            return sizes[id(n)]
        if id(n) in busy:
            raise ValueError("an alias refers to its own node")
        busy.add(id(n))
        total = 1 + sum(size(v) for v in (n.values() if isinstance(n, dict) else n))
        busy.discard(id(n))
        if total > MAX_NODES:
            raise ValueError("more than %d nodes once aliases are expanded" % MAX_NODES)
        sizes[id(n)] = total
        return total

    return size(node)


def loads(text):
    """(template, "json" or "yaml").  Raises ValueError when the text is
    neither, or too big to mutate once aliases are expanded."""
    if looks_like_json(text):
        try:
            return json.loads(text.lstrip("\ufeff"), parse_float=FloatText), "json"
        except ValueError:
            pass
    try:
        t = yaml.load(text, Loader=CfnLoader)
        expanded_size(t)
        return t, "yaml"
    except yaml.YAMLError as e:
        raise ValueError("not YAML or JSON: %s" % str(e).splitlines()[0])
    except (RecursionError, TypeError, ValueError) as e:
        raise ValueError("cannot load: %s" % e)


def load(path):
    with open(path, encoding="utf-8", errors="strict") as f:
        return loads(f.read())


def dumps(template, fmt):
    if fmt == "json":
        return _json_text(template, 2, 0) + "\n"
    return yaml.dump(template, Dumper=CfnDumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=4096)


def to_long(node):
    """node with its outermost short form written long (not recursive)."""
    if not isinstance(node, Fn):
        return node
    value = node.value
    if node.name == "Fn::GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    return {node.name: value}


def to_short(node):
    """node (a long-form function) written short, or node itself."""
    f = function(node)
    if f is None or isinstance(node, Fn):
        return node
    name, value = f
    if name == "Fn::GetAtt" and isinstance(value, list) and len(value) == 2 \
            and all(isinstance(v, str) for v in value):
        value = value[0] + "." + value[1]
    if value is not None and not isinstance(value, (str, int, float, list, dict, Fn)):
        return node
    return Fn(name, value)


def long_form(node):
    """A deep copy of node with every short form written long."""
    if isinstance(node, Fn):
        return long_form(to_long(node))
    if isinstance(node, dict):
        return {k: long_form(v) for k, v in node.items()}
    if isinstance(node, list):
        return [long_form(v) for v in node]
    return node


def deepcopy(node):
    if isinstance(node, Fn):
        return Fn(node.name, deepcopy(node.value))
    if isinstance(node, dict):
        return {k: deepcopy(v) for k, v in node.items()}
    if isinstance(node, list):
        return [deepcopy(v) for v in node]
    return node


def count_nodes(node):
    """How many mappings entries, list items and scalars node holds: the
    size minimisation shrinks."""
    if isinstance(node, Fn):
        return 1 + count_nodes(node.value)
    if isinstance(node, dict):
        return sum(1 + count_nodes(v) for v in node.values())
    if isinstance(node, list):
        return sum(1 + count_nodes(v) for v in node)
    return 0
