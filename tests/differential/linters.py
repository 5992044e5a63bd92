"""Running cfnfix and cfn-lint on a batch of files in one folder.

Both run from inside the folder on relative names, so their "Filename"s
agree, with the same regions, no configuration file of the user's, and no
AWS_REGION from the environment.  cfn-lint starts slowly (~1.5 s) and is
quick per file, so every call takes a whole batch; each call counts as one
cfn-lint run against the budgets.
"""
import os
import subprocess
import tempfile
import threading

import findings as fd

CRASH_STATUS = 124   # cfnfix exits below this on any template


class Crash:
    def __init__(self, file, status, detail):
        self.file, self.status, self.detail = file, status, detail


class OracleError(Exception):
    pass


def _env(home):
    env = dict(os.environ)
    for k in ("AWS_REGION", "AWS_DEFAULT_REGION", "CFNFIX_DATA"):
        env.pop(k, None)
    # no overlays or cfn-lint configuration from the user's home
    env["XDG_DATA_HOME"] = os.path.join(home, "data")
    env["XDG_CONFIG_HOME"] = os.path.join(home, "config")
    env["HOME"] = home
    return env


class Linters:
    def __init__(self, cfnfix, cfnlint, regions, rules=None, cfnfix_timeout=60, cfnlint_timeout=60):
        self.cfnfix, self.cfnlint = cfnfix, cfnlint
        self.regions, self.rules = regions, rules
        self.cfnfix_timeout, self.cfnlint_timeout = cfnfix_timeout, cfnlint_timeout
        self.home = tempfile.mkdtemp(prefix="difftest-home.")
        self.env = _env(self.home)
        self._lock = threading.Lock()
        self.cfnlint_runs = 0
        self.cfnlint_seconds = 0.0

    # --- cfnfix -----------------------------------------------------------

    def _cfnfix_once(self, folder, files, timeout):
        cmd = [self.cfnfix, "lint", "-f", "json", "-j", "1", "--regions", ",".join(self.regions), "--"] + files
        try:
            p = subprocess.run(cmd, cwd=folder, env=self.env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=timeout)
        except subprocess.TimeoutExpired:
            return None, "timed out after %d s" % timeout, -1
        if p.returncode >= CRASH_STATUS or p.returncode < 0:
            return None, "exit status %d: %s" % (p.returncode, p.stderr.decode("utf-8", "replace")[-400:]), p.returncode
        try:
            return fd.parse(p.stdout.decode("utf-8", "replace"), self.rules), None, p.returncode
        except (ValueError, KeyError, TypeError) as e:
            return None, "output is not JSON findings (%s); exit status %d" % (e, p.returncode), p.returncode

    def run_cfnfix(self, folder, files):
        """({file: [Finding]}, [Crash]).  A batch that crashes is run again
        file by file to find which files crash."""
        got, why, status = self._cfnfix_once(folder, files, self.cfnfix_timeout)
        if got is not None:
            return _by_file(got, files), []
        if len(files) == 1:
            return {}, [Crash(files[0], status, why)]
        out, crashes = {}, []
        for f in files:
            got, why, status = self._cfnfix_once(folder, [f], max(10, self.cfnfix_timeout // 3))
            if got is None:
                crashes.append(Crash(f, status, why))
            else:
                out[f] = got
        return out, crashes

    # --- cfn-lint ---------------------------------------------------------

    def _cfnlint_once(self, folder, files, timeout):
        import time
        cmd = [self.cfnlint, "-f", "json", "--regions"] + list(self.regions) + ["--"] + files
        t0 = time.time()
        try:
            p = subprocess.run(cmd, cwd=folder, env=self.env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise OracleError("cfn-lint timed out after %d s" % timeout)
        finally:
            with self._lock:
                self.cfnlint_runs += 1
                self.cfnlint_seconds += time.time() - t0
        try:
            return _by_file(fd.parse(p.stdout.decode("utf-8", "replace"), self.rules), files)
        except (ValueError, KeyError, TypeError) as e:
            raise OracleError("cfn-lint exit status %d, output not JSON (%s): %s"
                              % (p.returncode, e, p.stderr.decode("utf-8", "replace")[-400:]))

    def run_cfnlint(self, folder, files):
        """({file: [Finding]}, [(file, why)]): the files cfn-lint failed on
        (it hangs on an alias bomb, say) are left out of the first and
        named in the second.  A failed batch is run again file by file."""
        try:
            return self._cfnlint_once(folder, files, self.cfnlint_timeout + 5 * len(files)), []
        except OracleError as e:
            if len(files) == 1:
                return {}, [(files[0], str(e))]
        out, failed = {}, []
        for f in files:
            try:
                out.update(self._cfnlint_once(folder, [f], self.cfnlint_timeout))
            except OracleError as e:
                failed.append((f, str(e)))
        return out, failed


def _by_file(found, files):
    out = {f: [] for f in files}
    for x in found:
        out.setdefault(x.file, []).append(x)
    return out
