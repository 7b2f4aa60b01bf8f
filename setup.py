"""Packaging: everything else is in pyproject.toml.

The source tree keeps ``templates/`` at the top level; in the wheel it is the package data
folder ``consult/templates``, which :func:`consult.create_app` finds when installed.
"""

from setuptools import find_namespace_packages, setup

TOP_LEVEL = ("consult", "forms", "analysis", "migrations")

setup(
    packages=[
        # Namespace discovery, so that data folders (static/, translations/) count as packages.
        *find_namespace_packages(
            include=[pattern for name in TOP_LEVEL for pattern in (name, f"{name}.*")],
            exclude=["*.__pycache__"],
        ),
        "consult.templates",
        *(f"consult.templates.{sub}" for sub in find_namespace_packages(where="templates")),
    ],
    package_dir={"consult.templates": "templates"},
)
