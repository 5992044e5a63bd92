#!/usr/bin/env python3
"""I2003 against cfn-lint on random patterns: any finding cfnfix makes that
cfn-lint does not is a failure (misses are allowed: cfnfix says nothing
about syntax it does not model).

usage: regex_errors.py CFNFIX [SEEDS]   (needs cfn-lint on PATH)"""
import json, os, random, subprocess, sys, tempfile

ALPHABET = list("aZ0989**((()[]{},*+?|^$\\-.:=!<xudwsbé") + [
    "{2}", "{1,3}", "{3,1}", "[a-z]", "(?:", "(?=", "\\d", "\\x4", "[z-a]"]


def template(seed):
    rnd = random.Random(seed)
    pats = ["".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(1, 14))) for _ in range(400)]
    lines = ["Parameters:"]
    lines += [f"  P{i}: {{Type: String, AllowedPattern: {json.dumps(p)}}}" for i, p in enumerate(pats)]
    lines += ["Resources:", "  T:", "    Type: AWS::SNS::Topic"]
    return "\n".join(lines) + "\n"


def findings(cmd, path):
    out = subprocess.run(cmd + ["-f", "parseable", "--include-checks", "I", "--", path],
                         capture_output=True, text=True).stdout
    return {l for l in out.splitlines() if ":I2003:" in l}


def main():
    cfnfix, seeds = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3
    bad = 0
    with tempfile.TemporaryDirectory() as d:
        for seed in range(seeds):
            path = os.path.join(d, f"rx{seed}.yaml")
            with open(path, "w") as f:
                f.write(template(seed))
            ref, ours = findings(["cfn-lint"], path), findings([cfnfix, "lint"], path)
            extra = sorted(ours - ref)
            print(f"seed {seed}: cfn-lint {len(ref)}, cfnfix {len(ours)}, extra {len(extra)}, missed {len(ref - ours)}")
            for line in extra:
                print("  extra:", line)
            bad += len(extra)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
