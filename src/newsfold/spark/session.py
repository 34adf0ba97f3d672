"""A Spark session for newsfold: local mode for a laptop and for tests, or whatever spark-submit gives."""

from __future__ import annotations

import os
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

#: settings for a local session; on a cluster spark-submit's own configuration wins
LOCAL_CONF: dict[str, str] = {
    # The JVM only moves rows between Python workers here, so it needs little heap; the spaCy model
    # lives in each Python worker.
    "spark.driver.memory": "1g",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    # 200 shuffle partitions (Spark's default) is two hundred tasks for a handful of stories.
    "spark.sql.shuffle.partitions": "8",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    # Rows carry whole articles: small Arrow batches keep a Python worker's memory flat.
    "spark.sql.execution.arrow.maxRecordsPerBatch": "256",
    "spark.python.worker.reuse": "true",
}


def use_this_python(force: bool) -> None:
    """Run Spark's Python workers on this interpreter (the one newsfold and its model are installed in).

    `force` for local mode; on a cluster a PYSPARK_PYTHON the operator set is kept."""
    for var in ("PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON"):
        if force or not os.environ.get(var):
            os.environ[var] = sys.executable


def local_session(
    master: str = "local[2]", *, app_name: str = "newsfold", conf: dict[str, Any] | None = None
):
    """A local SparkSession (`master` such as local[2]) with newsfold's settings and this interpreter."""
    from pyspark.sql import SparkSession

    use_this_python(force=True)
    builder = SparkSession.builder.master(master).appName(app_name)
    for key, value in {**LOCAL_CONF, **(conf or {})}.items():
        builder = builder.config(key, str(value))
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def cluster_session(*, app_name: str = "newsfold"):
    """The session spark-submit configured (master, memory and the shipped wheel come from it)."""
    from pyspark.sql import SparkSession

    use_this_python(force=False)
    session = SparkSession.builder.appName(app_name).getOrCreate()
    session.conf.set("spark.sql.execution.arrow.pyspark.enabled", "true")
    session.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "256")
    ship_wheel(session)
    return session


def importable_zip(wheel: str | Path, out: str | Path) -> Path:
    """A copy of newsfold's wheel that Python workers can import from: a .zip (Spark puts .zip, .egg and
    .jar files on the workers' path, not .whl) in which every package folder has an `__init__.py`
    (zipimport does not find namespace packages)."""
    out = Path(out)
    with zipfile.ZipFile(wheel) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        for name in names:
            dst.writestr(src.getinfo(name), src.read(name))
        packages = {n.rsplit("/", 1)[0] for n in names if n.endswith(".py") and "/" in n}
        for package in sorted(packages):
            if not package.endswith(".dist-info") and f"{package}/__init__.py" not in names:
                dst.writestr(f"{package}/__init__.py", "")
    return out


def ship_wheel(session) -> Path | None:
    """When this driver runs newsfold from a wheel (`spark-submit --py-files newsfold-*.whl`), hand the
    executors an importable copy of it; otherwise (newsfold installed on every node) do nothing."""
    import newsfold

    wheel = Path(newsfold.__file__).parent.parent
    if not (wheel.suffix == ".whl" and wheel.is_file()):
        return None
    copy = importable_zip(wheel, Path(tempfile.mkdtemp(prefix="newsfold-")) / (wheel.stem + ".zip"))
    session.sparkContext.addPyFile(str(copy))
    return copy
