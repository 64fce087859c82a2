"""App support without Streamlit: the scenario explorer's logic (levers, settings <-> scenarios,
streamed replications, paired metrics, downloads) and chart specifications. `app.py` and
`app_pages/` (the only modules that import Streamlit) are thin over it."""
