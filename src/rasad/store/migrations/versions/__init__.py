"""One module per schema revision, applied in order by :func:`rasad.store.migrate.upgrade`."""
