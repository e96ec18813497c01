"""The store: every byte laborsim keeps on disk, written atomically, read back verified.

    write.py     atomic writes, experiment folders (tables, files, then the manifest)
    manifest.py  what a manifest records: the run, the software, the command
    read.py      verify and load folders: Experiment, sim.load
    columns.py   what every column of every table means (docs, exports, laborsim show)
    export.py    CSV export with a README.txt
    parts.py     a running sweep's Parquet parts
"""
