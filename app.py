"""Streamlit entry point (`make app`): language switch and navigation; the pages are in app_pages/.

Thin over the library: every number comes from sim.explorer / sim.scenarios / sim.results.
"""

if __name__ == "__main__":  # Streamlit runs this file as __main__; a 'spawn' worker imports it as __mp_main__
    from app_pages.main import main

    main()
