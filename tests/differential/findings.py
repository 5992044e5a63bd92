"""Findings in cfn-lint's JSON format, and how two linters' findings are
matched: as /work/shared/bin/parity (the project's corpus measure) does.

Two findings match when file and rule id are equal and either their start
lines are equal or one's Location.Path is a prefix of the other's (at least
two elements long).  Matching is one to one, exact lines first; the same
finding twice on one line counts once.
"""
import collections
import json


class Finding:
    __slots__ = ("file", "rule", "line", "path", "msg", "level")

    def __init__(self, file, rule, line, path, msg, level=""):
        self.file, self.rule, self.line, self.path = file, rule, line, path
        self.msg, self.level = msg, level

    def key(self):
        return (self.file, self.rule, self.line, self.path)

    def shape(self):
        """Where the finding is, independent of line numbers and list
        positions: what minimisation keeps looking for."""
        return (self.rule, wild(self.path))

    def short(self):
        return "%s line %s %s: %s" % (self.rule, self.line, "/".join(self.path) or "-", self.msg)

    def as_dict(self):
        return {"file": self.file, "rule": self.rule, "line": self.line,
                "path": list(self.path), "message": self.msg, "level": self.level}


def wild(path):
    """path with list positions replaced by '*'."""
    return tuple("*" if p.isdigit() else p for p in path)


def rule_selected(rule, rules):
    return not rules or any(rule == r or rule.startswith(r) for r in rules)


# cfnfix's own rules (I9001, W9002, ...): cfn-lint numbers none of its
# rules 9xxx, so these have nothing to be compared with.
OWN_RULES = ("E9", "W9", "I9")


def parse(text, rules=None):
    """Findings from a linter's `-f json` output.  Raises ValueError when
    text is not such output."""
    data = json.loads(text) if text.strip() else []
    if not isinstance(data, list):
        raise ValueError("not a list of findings")
    out, seen = [], set()
    for m in data:
        fn = m["Filename"]
        fn = fn[2:] if fn.startswith("./") else fn
        rid = m["Rule"]["Id"]
        if not rule_selected(rid, rules) or rid.startswith(OWN_RULES):
            continue
        loc = m.get("Location") or {}
        f = Finding(fn, rid, (loc.get("Start") or {}).get("LineNumber"),
                    tuple(str(p) for p in (loc.get("Path") or [])),
                    (m.get("Message") or "")[:300], m.get("Level", ""))
        if f.key() not in seen:
            seen.add(f.key())
            out.append(f)
    return out


def _prefix_compatible(a, b):
    n = min(len(a), len(b))
    return n >= 2 and a[:n] == b[:n]


def match(ref, ours):
    """[(index in ref, index in ours)] of matched findings."""
    by_key = collections.defaultdict(list)
    for i, f in enumerate(ours):
        by_key[(f.file, f.rule)].append(i)
    used, pairs, done = set(), [], set()
    for exact in (True, False):
        for j, r in enumerate(ref):
            if j in done:
                continue
            for i in by_key[(r.file, r.rule)]:
                if i in used:
                    continue
                o = ours[i]
                if (o.line == r.line) if exact else _prefix_compatible(o.path, r.path):
                    used.add(i)
                    done.add(j)
                    pairs.append((j, i))
                    break
    return pairs


class Comparison:
    """cfn-lint's findings (the reference) against cfnfix's for one file."""

    def __init__(self, cfnlint, cfnfix):
        pairs = match(cfnlint, cfnfix)
        mref, mours = {j for j, _ in pairs}, {i for _, i in pairs}
        self.agree = [cfnlint[j] for j, _ in pairs]
        self.cfnfix_only = [f for i, f in enumerate(cfnfix) if i not in mours]
        self.cfnlint_only = [f for j, f in enumerate(cfnlint) if j not in mref]

    def only(self, direction):
        return self.cfnfix_only if direction == CFNFIX_ONLY else self.cfnlint_only

    def shows(self, direction, shape):
        """Whether a finding of this shape is unmatched in this direction."""
        rule, path = shape
        for f in self.only(direction):
            if f.rule == rule and (not path or wild(f.path) == path):
                return f
        return None


CFNFIX_ONLY = "cfnfix-only"
CFNLINT_ONLY = "cfn-lint-only"
DIRECTIONS = (CFNFIX_ONLY, CFNLINT_ONLY)
