"""Checks __main__.py against a generated Python SDK without installing
pulumi (PyPI is not part of CI): every schedkit.<module>.<Class>(...) it
calls exists in the SDK and takes each keyword it passes, and every
attribute it reads from a component is one of the component's outputs.

    python3 check_against_sdk.py SDK_DIR   # SDK_DIR holds schedkit/
"""
import ast
import pathlib
import sys


def sdk_classes(sdk: pathlib.Path):
    """(module, class) -> (keyword parameters of __init__, properties)."""
    out = {}
    for path in (sdk / "schedkit").glob("*/*.py"):
        tree = ast.parse(path.read_text())
        for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
            params, props = set(), set()
            for fn in (n for n in cls.body if isinstance(n, ast.FunctionDef)):
                if fn.name == "__init__":
                    params |= {a.arg for a in fn.args.kwonlyargs + fn.args.args}
                if any(isinstance(d, ast.Attribute) and d.attr == "property" or
                       isinstance(d, ast.Name) and d.id == "property" for d in fn.decorator_list):
                    props.add(fn.name)
            out[(path.parent.name, cls.name)] = (params, props)
    return out


def main(sdk_dir: str) -> int:
    classes = sdk_classes(pathlib.Path(sdk_dir))
    program = ast.parse(pathlib.Path(__file__).with_name("__main__.py").read_text())
    problems, instances = [], {}
    for node in ast.walk(program):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            f = node.value.func
            if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Attribute) and \
                    isinstance(f.value.value, ast.Name) and f.value.value.id == "schedkit":
                for t in node.targets:
                    if isinstance(t, ast.Name):
                        instances[t.id] = (f.value.attr, f.attr)
    checked = 0
    for node in ast.walk(program):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                isinstance(node.func.value, ast.Attribute) and isinstance(node.func.value.value, ast.Name) and \
                node.func.value.value.id == "schedkit":
            key = (node.func.value.attr, node.func.attr)
            if key not in classes:
                problems.append(f"schedkit.{key[0]}.{key[1]} is not in the SDK")
                continue
            for kw in node.keywords:
                checked += 1
                if kw.arg not in classes[key][0]:
                    problems.append(f"schedkit.{key[0]}.{key[1]} takes no {kw.arg}")
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in instances:
            key = instances[node.value.id]
            checked += 1
            if key in classes and node.attr not in classes[key][1]:
                problems.append(f"{key[1]} has no output {node.attr}")
    for p in problems:
        print("check_against_sdk:", p)
    if not problems:
        print(f"check_against_sdk: {checked} keywords and outputs of __main__.py are in the SDK")
    return 1 if problems or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
