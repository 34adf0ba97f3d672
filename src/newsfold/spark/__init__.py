"""newsfold on Apache Spark: the library's own functions run per partition and per story.

`job.run_job` is the job (its docstring explains the three stages), `session` makes a session, `submit`
is the entry point for spark-submit. Importing this package does not import pyspark: the CLI imports
it only for `newsfold spark`, and pyspark comes with the `spark` extra (`pip install newsfold[spark]`).
"""
