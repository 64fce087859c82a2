"""The study layer: what is done with the engine - scenario files, the executor loop,
replications and batches, summaries, provenance and manifests, memos, labels, targets,
figures, calibration, sensitivity, golden results and the `talentsim` command line.
It imports the engine (`sim.core`), never the app (`sim.app`, `app_pages`)."""
