"""Differential testing of cfnfix against cfn-lint (see README.md here).

Lints templates, and mutants of them, with both linters; matches their
findings as the corpus measure does; shrinks each kind of disagreement to
the smallest template that still shows it; prints a table per rule id.
Exit status 0 whatever the linters disagree on; 1 when cfnfix crashed
(exit status >= 124, a signal, no JSON, or a hang) on some template.
"""
import argparse
import collections
import concurrent.futures
import json
import os
import random
import re
import shutil
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import cfntemplate as cft  # noqa: E402
import findings as fd  # noqa: E402
import generate  # noqa: E402
import linters as ln  # noqa: E402
import minimise as mn  # noqa: E402
import mutate  # noqa: E402

TEMPLATE_EXTS = (".yaml", ".yml", ".json", ".template")


def log(*args):
    print("difftest:", *args, file=sys.stderr, flush=True)


# --- the templates to test ------------------------------------------------

def looks_like_template(text):
    return "Resources" in text or "AWSTemplateFormatVersion" in text


def extract_test_files(path, dest):
    """The templates in a tests/cases .test file ("=== file NAME"
    sections), written under dest: [(label, path)]."""
    out, name, lines = [], None, []
    stem = os.path.basename(path)[:-len(".test")]

    def flush():
        if name and name.lower().endswith(TEMPLATE_EXTS):
            text = "".join(line + "\n" for line in lines)
            if looks_like_template(text):
                p = os.path.join(dest, stem, name)
                os.makedirs(os.path.dirname(p), exist_ok=True)
                with open(p, "w", encoding="utf-8", errors="surrogateescape") as f:
                    f.write(text)
                out.append(("%s:%s" % (path, name), p))

    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        text = f.read()
        lines_of_file = text.split("\n")
        if text.endswith("\n"):
            lines_of_file.pop()
        for line in lines_of_file:
            if line.startswith("=== "):
                flush()
                sec = line[4:]
                name, lines = (sec[5:], []) if sec.startswith("file ") else (None, [])
            elif name is not None:
                lines.append(line)
    flush()
    return out


def collect(args, dest, skip_dir):
    found = []

    def add_file(p):
        if p.endswith(".test"):
            found.extend(extract_test_files(p, dest))
        elif p.lower().endswith(TEMPLATE_EXTS):
            try:
                with open(p, "rb") as f:
                    head = f.read(1 << 20)
            except OSError:
                return
            if looks_like_template(head.decode("utf-8", "replace")):
                found.append((p, p))

    for a in args:
        if os.path.isdir(a):
            for root, dirs, files in os.walk(a):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                                 and os.path.abspath(os.path.join(root, d)) != skip_dir)
                for fn in sorted(files):
                    add_file(os.path.join(root, fn))
        elif os.path.isfile(a):
            if a.endswith(".test") or a.lower().endswith(TEMPLATE_EXTS):
                add_file(a)
            else:
                found.append((a, a))
        else:
            log("no such file or folder:", a)
    return found


# --- what one run learns --------------------------------------------------

class Variant:
    """A file linted: a template as given (kind "original") or a mutant."""

    def __init__(self, tid, label, name, folder, text, kind, record, template=None, fmt=None):
        self.tid, self.label, self.name, self.folder = tid, label, name, folder
        self.text, self.kind, self.record = text, kind, record
        self.template, self.fmt = template, fmt
        self.skip_reference = None   # why cfn-lint is not asked (it would hang)

    @property
    def is_original(self):
        return self.kind == "original"

    @property
    def path(self):
        return os.path.join(self.folder, self.name)


class Disagreement:
    def __init__(self, variant, direction, finding, inherited):
        self.variant, self.direction, self.finding = variant, direction, finding
        self.inherited = inherited

    def shape_key(self):
        """What makes two disagreements the same kind: direction, rule,
        and where (resource type instead of resource name)."""
        p, t = self.finding.path, self.variant.template
        where = fd.wild(p)
        if len(p) >= 2 and p[0] == "Resources" and isinstance(t, dict) \
                and isinstance(t.get("Resources"), dict) and isinstance(t["Resources"].get(p[1]), dict):
            where = ("Resources", str(t["Resources"][p[1]].get("Type"))) + fd.wild(p[2:])
        elif len(p) >= 2 and p[0] in ("Outputs", "Parameters", "Conditions", "Mappings"):
            where = (p[0], "*") + fd.wild(p[2:])
        return (self.direction, self.finding.rule, where)

    def as_dict(self):
        return {"template": self.variant.label, "variant": self.variant.name,
                "mutation": self.variant.record, "direction": self.direction,
                "inherited": self.inherited, "finding": self.finding.as_dict()}


class Run:
    def __init__(self, a, lint):
        self.a, self.lint = a, lint
        self.lock = threading.Lock()
        self.agree = collections.Counter()
        self.only = collections.Counter()        # (rule, direction) in originals
        self.mut_only = collections.Counter()    # (rule, direction) new in mutants
        self.disagreements = []
        self.crashes = []
        self.errors = []      # the harness's own: a bug here, reported, exit 1
        self.oracle_errors = []
        self.variants = 0
        self.templates_done = 0
        self.minimised = []
        self.not_minimised = 0
        self.seq = 0

    def harness_error(self, what):
        import traceback
        text = traceback.format_exc()
        with self.lock:
            self.errors.append((what, text))
        log("HARNESS ERROR while %s:\n%s" % (what, text))

    def crash(self, label, record, text, name, crash):
        with self.lock:
            self.seq += 1
            n = self.seq
        folder = os.path.join(self.a.out, "crashes")
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, "%03d-%s" % (n, os.path.basename(name)))
        with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write(text)
        with open(path + ".NOTE.txt", "w") as f:
            f.write("cfnfix crashed: %s\ntemplate: %s\nmutation: %s\n" % (crash.detail, label, record))
        with self.lock:
            self.crashes.append((label, record, path, crash.detail))
        log("CRASH", label, record, "->", path, ":", crash.detail)


# --- phase 1: lint templates and their mutants ----------------------------

def make_variants(run, tid, label, path, folder, schemas):
    with open(path, "rb") as f:
        raw = f.read()
    ext = os.path.splitext(path)[1] or ".yaml"
    name = "t%04d-v0%s" % (tid, ext)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(raw)
    text = raw.decode("utf-8", "surrogateescape")
    bomb = None
    try:
        template, fmt = cft.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        template, fmt = None, None
        if "aliases are expanded" in str(e):
            bomb = str(e)
    out = [Variant(tid, label, name, folder, text, "original", "original", template, fmt)]
    out[0].skip_reference = bomb
    if isinstance(template, dict) and run.a.mutants_per_template > 0:
        seed = "%s:%s" % (run.a.seed, label)
        for j, m in enumerate(mutate.mutants(template, fmt, seed, run.a.mutants_per_template,
                                             schemas), 1):
            mname = "t%04d-m%d.%s" % (tid, j, m.fmt)
            mtext = m.text
            with open(os.path.join(folder, mname), "w", encoding="utf-8") as f:
                f.write(mtext)
            out.append(Variant(tid, label, mname, folder, mtext, m.kind, m.record, m.template, m.fmt))
    return out


def lint_batch(run, batch, folder, schemas):
    variants = []
    for tid, label, path in batch:
        variants.extend(make_variants(run, tid, label, path, folder, schemas))
    names = [v.name for v in variants]
    fix, crashes = run.lint.run_cfnfix(folder, names)
    byname = {v.name: v for v in variants}
    for c in crashes:
        v = byname[c.file]
        run.crash(v.label, v.record, v.text, v.name, c)
    skipped = [(v.name, "not given to cfn-lint: " + v.skip_reference) for v in variants if v.skip_reference]
    ref, failed = run.lint.run_cfnlint(folder, [v.name for v in variants if not v.skip_reference])
    failed += skipped
    for name, why in failed:
        v = byname[name]
        with run.lock:
            run.oracle_errors.append(("%s (%s)" % (v.label, v.record), why))
        log("cfn-lint failed on %s (%s): %s" % (v.label, v.record, why))
    comps = {}
    for v in variants:
        if v.name in fix and v.name in ref:
            comps[v.name] = fd.Comparison(ref.get(v.name, []), fix[v.name])
    orig_shapes = {}
    for v in variants:
        if v.is_original and v.name in comps:
            c = comps[v.name]
            orig_shapes[v.tid] = {(d, f.shape()) for d in fd.DIRECTIONS for f in c.only(d)}
    with run.lock:
        run.variants += len(variants)
        run.templates_done += len(batch)
        for v in variants:
            c = comps.get(v.name)
            if c is None:
                continue
            for f in c.agree:
                run.agree[f.rule] += 1
            for d in fd.DIRECTIONS:
                for f in c.only(d):
                    inherited = not v.is_original and (d, f.shape()) in orig_shapes.get(v.tid, set())
                    run.disagreements.append(Disagreement(v, d, f, inherited))
                    if v.is_original:
                        run.only[(f.rule, d)] += 1
                    elif not inherited:
                        run.mut_only[(f.rule, d)] += 1


# --- phase 2: minimise ----------------------------------------------------

def choose(run):
    """The disagreements to minimise: per (direction, rule) up to N of
    distinct shapes, smallest templates first, rules taken in turn."""
    groups = collections.OrderedDict()
    seen = set()
    ds = [d for d in run.disagreements if not d.inherited]
    ds.sort(key=lambda d: (len(d.variant.text), d.variant.name))
    for d in ds:
        k = d.shape_key()
        if k in seen:
            continue
        seen.add(k)
        groups.setdefault((d.direction, d.finding.rule), []).append(d)
    order = sorted(groups, key=lambda g: (-len(groups[g]), g))
    picked = []
    for i in range(run.a.minimise_per_rule):
        for g in order:
            if i < len(groups[g]):
                picked.append(groups[g][i])
    return picked


class Budget:
    def __init__(self, runs, deadline):
        self.runs, self.deadline = runs, deadline
        self.used = 0

    def take(self):
        if self.used >= self.runs or (self.deadline and time.time() >= self.deadline):
            raise mn.Exhausted()
        self.used += 1


# cfn-lint's findings that mean it judged nothing else: a template it
# cannot parse (E0000), a SAM transform that fails (E0001), a rule that
# crashed (E0002).
UNREADABLE = ("E0000", "E0001", "E0002")


def minimise_one(run, d, n, deadline):
    v, f = d.variant, d.finding
    shape = f.shape()
    slug = "%03d-%s-%s" % (n, f.rule, d.direction)
    outdir = os.path.join(run.a.out, "minimised", slug)
    os.makedirs(outdir, exist_ok=True)
    work = tempfile.mkdtemp(prefix="min.", dir=run.work)
    budget = Budget(run.a.minimise_runs, deadline)
    memo = {}
    calls = [0]
    fmt = v.fmt
    ext = ".json" if fmt == "json" else ".yaml"

    def check(trees):
        texts = [cft.dumps(t, fmt) for t in trees]
        todo = sorted({t for t in texts if t not in memo})
        if todo:
            calls[0] += 1
            folder = os.path.join(work, "c%03d" % calls[0])
            os.makedirs(folder)
            names = {}
            for i, t in enumerate(todo):
                names[t] = "c%03d-%d%s" % (calls[0], i, ext)
                with open(os.path.join(folder, names[t]), "w", encoding="utf-8") as fh:
                    fh.write(t)
            fix, crashes = run.lint.run_cfnfix(folder, list(names.values()))
            for c in crashes:
                t = next(t for t, nm in names.items() if nm == c.file)
                run.crash(v.label, v.record + " (while minimising)", t, c.file, c)
                memo[t] = (False, [], [])
            alive = [t for t in todo if names[t] in fix]
            if d.direction == fd.CFNFIX_ONLY:
                # cheap first: cfnfix must still report it
                for t in alive:
                    if not any(x.shape()[0] == shape[0] and (not shape[1] or fd.wild(x.path) == shape[1])
                               for x in fix[names[t]]):
                        memo[t] = (False, fix[names[t]], None)
                alive = [t for t in alive if t not in memo]
            if alive:
                budget.take()
                ref, _ = run.lint.run_cfnlint(folder, [names[t] for t in alive])
                for t in alive:
                    if names[t] not in ref:
                        memo[t] = (False, fix[names[t]], None)
                        continue
                    if f.rule not in UNREADABLE and any(x.rule in UNREADABLE for x in ref[names[t]]):
                        # cut down to something cfn-lint cannot read, transform
                        # or finish: its other findings say nothing then
                        memo[t] = (False, fix[names[t]], None)
                        continue
                    comp = fd.Comparison(ref.get(names[t], []), fix[names[t]])
                    memo[t] = (comp.shows(d.direction, shape) is not None, fix[names[t]], ref.get(names[t], []))
            shutil.rmtree(folder, ignore_errors=True)
        return [memo[t][0] for t in texts]

    note = []
    tree = v.template
    status = ""
    best_text = v.text
    if not isinstance(tree, dict):
        status = "not minimised: the template does not load as a mapping"
    else:
        try:
            ok = check([tree])[0]
        except mn.Exhausted:
            ok = None
        if ok is None:
            status = "not minimised: out of budget before the first run"
        elif not ok:
            status = "not minimised: the disagreement goes away when the template is re-written (%s)" % fmt
        else:
            best, exhausted = mn.minimise(tree, check)
            best_text = cft.dumps(best, fmt)
            status = "minimised%s: %d -> %d nodes, %d -> %d lines" % (
                " (budget ran out)" if exhausted else "", cft.count_nodes(tree), cft.count_nodes(best),
                v.text.count("\n"), best_text.count("\n"))
    if best_text is v.text:
        ext = os.path.splitext(v.name)[1]
    tpath = os.path.join(outdir, "template" + ext)
    with open(tpath, "w", encoding="utf-8", errors="surrogateescape") as fh:
        fh.write(best_text)
    got = memo.get(best_text)
    note.append("%s %s: %s" % (d.direction, f.rule, f.msg))
    note.append("  as first seen: line %s, path %s" % (f.line, "/".join(f.path) or "-"))
    note.append("template: %s" % v.label)
    note.append("variant:  %s" % v.record)
    note.append(status + "; cfn-lint runs: %d" % budget.used)
    note.append("")
    if got and got[2] is not None:
        for who, found in (("cfnfix", got[1]), ("cfn-lint", got[2])):
            note.append("%s on template%s:" % (who, ext))
            note.extend(["  " + x.short() for x in found] or ["  (nothing)"])
        note.append("")
    note.append("reproduce: cfnfix lint -f json --regions %s template%s" % (",".join(run.a.regions), ext))
    note.append("           cfn-lint -f json --regions %s -- template%s" % (" ".join(run.a.regions), ext))
    with open(os.path.join(outdir, "NOTE.txt"), "w") as fh:
        fh.write("\n".join(note) + "\n")
    shutil.rmtree(work, ignore_errors=True)
    with run.lock:
        run.minimised.append((slug, d, status, best_text.count("\n")))
    log("minimised", slug, "-", status)


# --- the report -----------------------------------------------------------

def report(run, elapsed):
    rules = sorted(set(run.agree) | {r for r, _ in run.only} | {r for r, _ in run.mut_only})
    lines = []
    lines.append("%-8s %7s %12s %14s   %s" % ("rule", "agree", "cfnfix-only", "cfn-lint-only",
                                             "new in mutants: cfnfix-only / cfn-lint-only"))
    tot = [0, 0, 0, 0, 0]
    for r in rules:
        row = [run.agree[r], run.only[(r, fd.CFNFIX_ONLY)], run.only[(r, fd.CFNLINT_ONLY)],
               run.mut_only[(r, fd.CFNFIX_ONLY)], run.mut_only[(r, fd.CFNLINT_ONLY)]]
        tot = [a + b for a, b in zip(tot, row)]
        lines.append("%-8s %7d %12d %14d   %6d / %d" % ((r,) + tuple(row)))
    lines.append("%-8s %7d %12d %14d   %6d / %d" % (("total",) + tuple(tot)))
    lines.append("")
    lines.append("%d templates, %d files linted (originals and mutants), %d cfn-lint runs (%.0f s), %.0f s in all"
                 % (run.templates_done, run.variants, run.lint.cfnlint_runs, run.lint.cfnlint_seconds, elapsed))
    if run.minimised:
        lines.append("")
        lines.append("minimised (in %s):" % os.path.join(run.a.out, "minimised"))
        for slug, d, status, nlines in sorted(run.minimised):
            lines.append("  %-32s %3d lines  %s" % (slug, nlines, d.finding.msg[:90]))
    if run.not_minimised:
        lines.append("%d more kinds of disagreement not minimised: out of time" % run.not_minimised)
    for label, e in run.oracle_errors:
        lines.append("cfn-lint failed on %s: %s" % (label, e))
    for what, tb in run.errors:
        lines.append("HARNESS ERROR while %s: %s" % (what, tb.strip().splitlines()[-1]))
    if run.crashes:
        lines.append("")
        lines.append("CRASHES: %d" % len(run.crashes))
        for label, record, path, detail in run.crashes:
            lines.append("  %s (%s): %s -> %s" % (label, record, detail.splitlines()[0] if detail else "", path))
    text = "\n".join(lines) + "\n"
    with open(os.path.join(run.a.out, "summary.txt"), "w") as f:
        f.write(text)
    with open(os.path.join(run.a.out, "disagreements.jsonl"), "w") as f:
        for d in run.disagreements:
            f.write(json.dumps(d.as_dict()) + "\n")
    sys.stdout.write(text)


# --- main -----------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(prog="difftest", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="*", metavar="TEMPLATE-OR-DIR",
                    help="templates, folders of them, or tests/cases .test files")
    ap.add_argument("--cfnfix", default=os.path.join(HERE, "..", "..", "src", "cfnfix"))
    ap.add_argument("--cfn-lint", dest="cfnlint", default="cfn-lint", help="the reference linter")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--mutants-per-template", type=int, default=3, metavar="K")
    ap.add_argument("--max-templates", type=int, default=0, metavar="N",
                    help="lint a sample of N of the templates given (drawn from the seed)")
    ap.add_argument("--generate", type=int, default=0, metavar="N",
                    help="also lint N templates made by generate.py")
    ap.add_argument("--time-budget", type=float, default=0, metavar="SECONDS",
                    help="stop by then: half for linting, the rest for minimising")
    ap.add_argument("--out", default="difftest-out", metavar="DIR")
    ap.add_argument("--rules", help="comma-separated rule ids (or prefixes) to compare")
    ap.add_argument("--regions", default="us-east-1", help="comma-separated, for both linters")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--batch", type=int, default=4, metavar="N",
                    help="templates per cfn-lint run (with their mutants)")
    ap.add_argument("--minimise-per-rule", type=int, default=2, metavar="N",
                    help="kinds of disagreement to minimise per rule id and direction")
    ap.add_argument("--minimise-runs", type=int, default=15, metavar="N",
                    help="cfn-lint runs allowed for minimising one disagreement")
    ap.add_argument("--no-minimise", action="store_true")
    a = ap.parse_args(argv)
    a.regions = [r for r in a.regions.split(",") if r]
    a.rules = [r for r in a.rules.split(",") if r] if a.rules else None
    if not a.inputs and not a.generate:
        ap.error("give templates or folders, or --generate N")
    if not (os.path.isfile(a.cfnfix) and os.access(a.cfnfix, os.X_OK)):
        ap.error("cfnfix not found at %s (build it, or give --cfnfix)" % a.cfnfix)
    a.cfnfix = os.path.abspath(a.cfnfix)
    cfnlint = shutil.which(a.cfnlint)
    if not cfnlint:
        ap.error("%s not found: install cfn-lint (pip install cfn-lint) or give --cfn-lint" % a.cfnlint)
    a.out = os.path.abspath(a.out)
    for sub in ("minimised", "crashes", "generated"):
        shutil.rmtree(os.path.join(a.out, sub), ignore_errors=True)
    os.makedirs(a.out, exist_ok=True)

    start = time.time()
    deadline = start + a.time_budget if a.time_budget else None
    lint_deadline = start + a.time_budget * (0.5 if not a.no_minimise else 1.0) if a.time_budget else None
    work = tempfile.mkdtemp(prefix="difftest.")
    run = Run(a, ln.Linters(a.cfnfix, cfnlint, a.regions, a.rules))
    run.work = work
    try:
        inputs = collect(a.inputs, os.path.join(work, "inputs"), a.out)
        if a.max_templates and len(inputs) > a.max_templates:
            rng = random.Random("sample:%s" % a.seed)
            keep = set(rng.sample(range(len(inputs)), a.max_templates))
            inputs = [x for i, x in enumerate(inputs) if i in keep]
        if a.generate:
            gdir = os.path.join(a.out, "generated")
            os.makedirs(gdir, exist_ok=True)
            for i in range(a.generate):
                t, fmt = generate.generate("%s:%d" % (a.seed, i))
                p = os.path.join(gdir, "gen-%03d.%s" % (i, fmt))
                with open(p, "w") as f:
                    f.write(cft.dumps(t, fmt))
                inputs.append((p, p))
        log("%d templates, %d mutants each, %d jobs%s" % (
            len(inputs), a.mutants_per_template, a.jobs,
            ", %.0f s" % a.time_budget if a.time_budget else ""))
        schemas = mutate.SpecSchemas(a.cfnfix, a.regions[0])
        batches = [inputs[i:i + a.batch] for i in range(0, len(inputs), a.batch)]

        def lint_task(bi, batch):
            if lint_deadline and time.time() >= lint_deadline:
                return False
            try:
                return lint_task_body(bi, batch)
            except Exception:
                run.harness_error("linting %s" % ", ".join(label for label, _ in batch))
                return True

        def lint_task_body(bi, batch):
            folder = os.path.join(work, "b%04d" % bi)
            os.makedirs(folder)
            lint_batch(run, [(bi * a.batch + j, label, path) for j, (label, path) in enumerate(batch)],
                       folder, schemas)
            log("linted %d/%d templates" % (run.templates_done, len(inputs)))
            return True

        with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as pool:
            done = list(pool.map(lambda x: lint_task(*x), enumerate(batches)))
        skipped = sum(len(b) for b, ok in zip(batches, done) if not ok)
        if skipped:
            log("%d templates not linted: out of time" % skipped)

        if not a.no_minimise:
            picked = choose(run)

            def min_task(x):
                n, d = x
                if deadline and time.time() >= deadline - 5:
                    with run.lock:
                        run.not_minimised += 1
                    return
                try:
                    minimise_one(run, d, n, deadline)
                except Exception:
                    run.harness_error("minimising %s %s in %s" % (d.direction, d.finding.rule, d.variant.label))

            with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as pool:
                list(pool.map(min_task, enumerate(picked, 1)))
        report(run, time.time() - start)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(run.lint.home, ignore_errors=True)
    return 1 if run.crashes or run.errors else 0


if __name__ == "__main__":
    sys.exit(main())
