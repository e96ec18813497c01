"""The store: every byte laborsim keeps on disk, written atomically, read back verified.

Folders may come from anyone, so nothing in one is trusted (docs/experiment-format.md, "Trust
model").

    write.py     atomic writes, experiment folders (tables, files, then the manifest with its
                 digest; SCHEMA_VERSION), every write confined to the folder
    manifest.py  what a manifest records: the run, the software, the command
    read.py      verify and load folders: read_manifest, verify, Experiment, sim.load
    paths.py     confined paths: relative, no '..', no symbolic link, regular files; the
                 resolved location of every write and delete inside the folder
    schema.py    manifest field types and digest, defensive JSON and Parquet checks (limits)
    lock.py      one writer per folder: .laborsim.lock (fcntl.flock) naming the holder's PID
    outputs.py   output folders checked, locked and claimed before compute; --force; the
                 .laborsim-output.json mark of report and export folders
    columns.py   what every column of every table means (docs, exports, laborsim show)
    export.py    CSV export with a README.txt and source-manifest.json
    parts.py     a running sweep's Parquet parts
"""
