"""Shrinking a template while a property of it holds: hierarchical delta
debugging over the loaded template.

Level by level (top-level sections, then their entries -- resources,
outputs, parameters, conditions --, then a resource's attributes, its
properties, their items, ...), ddmin looks for the fewest nodes of that
level to keep.  A node is a mapping entry or a list item; intrinsic
functions are kept or dropped whole, never cut open, and a resource keeps
its Type, so what is left is still a template a reader recognises.

The property is a function `check(trees) -> [bool]` that judges a batch
of candidate templates at once (one cfn-lint run for the whole batch) and
raises `Exhausted` when its budget is spent; minimisation then stops with
the smallest template found so far.
"""
import cfntemplate as cft
from cfntemplate import function


class Exhausted(Exception):
    pass


def _protected(path):
    return len(path) == 3 and path[0] == "Resources" and path[2] == "Type"


def units_at(tree, depth):
    """Paths (tuples of keys and list indexes) of the nodes at this depth,
    outside intrinsic functions."""
    out = []

    def walk(node, path):
        if len(path) == depth:
            if not _protected(path):
                out.append(path)
            return
        if path and function(node) is not None:
            return
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, path + (k,))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, path + (i,))

    walk(tree, ())
    return out


def has_depth(tree, depth):
    """Whether any node (protected or not) sits at this depth."""
    def walk(node, d):
        if d == depth:
            return True
        if d and function(node) is not None:
            return False
        kids = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        return any(walk(v, d + 1) for v in kids)
    return walk(tree, 0)


def remove(tree, paths):
    """A copy of tree without the nodes at paths."""
    t = cft.deepcopy(tree)
    by_parent = {}
    for p in paths:
        by_parent.setdefault(p[:-1], []).append(p[-1])
    for parent_path, keys in by_parent.items():
        node = t
        for k in parent_path:
            node = node[k]
        if isinstance(node, list):
            for i in sorted(keys, reverse=True):
                del node[i]
        else:
            for k in keys:
                node.pop(k, None)
    return t


def _split(items, n):
    size, rest = divmod(len(items), n)
    out, start = [], 0
    for i in range(n):
        end = start + size + (1 if i < rest else 0)
        if end > start:
            out.append(items[start:end])
        start = end
    return out


MAX_BATCH = 24


def ddmin(units, try_keep):
    """The smallest list of units to keep that try_keep accepts, given that
    keeping them all is accepted.  try_keep(list of keep-lists) -> [bool]."""
    if not units:
        return units
    # the quick win first: does anything of this level matter at all?
    if try_keep([[]])[0]:
        return []
    n = 2
    while len(units) >= 2:
        chunks = _split(units, n)
        subsets = [c for c in chunks]
        complements = [[u for u in units if u not in c] for c in chunks] if n > 2 else []
        cands = subsets + complements
        found = None
        for start in range(0, len(cands), MAX_BATCH):
            batch = cands[start:start + MAX_BATCH]
            ok = try_keep(batch)
            hits = [i for i, good in enumerate(ok) if good]
            if hits:
                found = min(hits, key=lambda i: len(batch[i])) + start
                break
        if found is not None:
            # a subset kept: start over coarse; a complement: one chunk fewer
            n = 2 if found < len(subsets) else max(n - 1, 2)
            units = cands[found]
            continue
        if n >= len(units):
            break
        n = min(2 * n, len(units))
    return units


def minimise(tree, check, max_passes=2):
    """(smallest tree found, whether the budget ran out)."""
    best = tree
    try:
        for _ in range(max_passes):
            before = cft.count_nodes(best)
            depth = 1
            while has_depth(best, depth):
                units = units_at(best, depth)
                if units:
                    base = best

                    def dropped(keep, units=units):
                        keep = set(keep)
                        return [u for u in units if u not in keep]

                    def try_keep(keeps, base=base, dropped=dropped):
                        return check([remove(base, dropped(keep)) for keep in keeps])

                    keep = ddmin(units, try_keep)
                    if len(keep) < len(units):
                        best = remove(base, dropped(keep))
                depth += 1
            if cft.count_nodes(best) == before:
                break
    except Exhausted:
        return best, True
    return best, False
