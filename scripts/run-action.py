#!/usr/bin/env python3
"""Runs this repository's composite action (action.yml) on this machine, the way the
GitHub runner runs one: each `run` step in bash with `inputs.*`, `github.action_path`
and `steps.*.outputs.*` substituted, GITHUB_OUTPUT / GITHUB_PATH / RUNNER_TEMP set up,
and each step's `if` evaluated. `uses` steps (upload-sarif) cannot run here: they are
reported with their evaluated `with:` instead.

    python3 scripts/run-action.py INPUT=VALUE ...    # prints a JSON summary on stdout

Used by scripts/test-ci-files.sh; needs PyYAML.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    action = yaml.safe_load(open(os.path.join(ROOT, "action.yml")))
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    for arg in sys.argv[1:]:
        name, _, value = arg.partition("=")
        if name not in inputs:
            sys.exit(f"run-action: no input {name!r} in action.yml")
        inputs[name] = value
    temp = tempfile.mkdtemp(prefix="cio-lint-action-")
    path_file = os.path.join(temp, "github_path")
    open(path_file, "w").close()
    steps = {}
    summary = {"steps": [], "failed": False}

    def context(expr):
        expr = expr.strip()
        if expr.startswith("inputs."):
            return inputs[expr[len("inputs."):]]
        if expr == "github.action_path":
            return ROOT
        m = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expr)
        if m:
            return steps.get(m.group(1), {}).get(m.group(2), "")
        raise ValueError(f"unsupported expression {expr!r}")

    def substitute(text):
        return re.sub(r"\$\{\{(.*?)\}\}", lambda m: context(m.group(1)), str(text))

    def condition(expr):
        if expr is None:
            return not summary["failed"]
        expr = str(expr).strip()
        if expr.startswith("${{") and expr.endswith("}}"):
            expr = expr[3:-2]
        always = "always()" in expr
        py = expr.replace("always()", "True").replace("&&", " and ").replace("||", " or ")
        py = re.sub(r"(inputs\.[\w-]+|steps\.[\w-]+\.outputs\.[\w-]+)", lambda m: repr(context(m.group(1))), py)
        ok = bool(eval(py, {"__builtins__": {}}, {"True": True}))  # noqa: S307 (our own file)
        return ok if always else ok and not summary["failed"]

    for step in action["runs"]["steps"]:
        name = step.get("name") or step.get("uses")
        if not condition(step.get("if")):
            summary["steps"].append({"name": name, "ran": False})
            continue
        if "uses" in step:
            summary["steps"].append({"name": name, "ran": False, "uses": step["uses"],
                                     "with": {k: substitute(v) for k, v in step.get("with", {}).items()}})
            continue
        output_file = os.path.join(temp, f"output-{len(summary['steps'])}")
        open(output_file, "w").close()
        env = dict(os.environ)
        env.update({k: substitute(v) for k, v in step.get("env", {}).items()})
        extra_path = [p for p in open(path_file).read().splitlines() if p]
        env.update(GITHUB_OUTPUT=output_file, GITHUB_PATH=path_file, RUNNER_TEMP=temp,
                   PATH=os.pathsep.join(extra_path + [env["PATH"]]))
        result = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", substitute(step["run"])],
                                env=env, capture_output=True, text=True, timeout=600)
        outputs = dict(line.split("=", 1) for line in open(output_file).read().splitlines() if "=" in line)
        if "id" in step:
            steps[step["id"]] = outputs
        summary["steps"].append({"name": name, "ran": True, "exit": result.returncode,
                                 "stdout": result.stdout[-2000:], "stderr": result.stderr[-2000:]})
        if result.returncode != 0:
            summary["failed"] = True
    summary["outputs"] = {name: substitute(spec["value"]) for name, spec in action.get("outputs", {}).items()}
    json.dump(summary, sys.stdout, indent=2)


if __name__ == "__main__":
    main()
