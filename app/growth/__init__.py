"""Each teacher's professional growth in one place: the timeline of events, courses, attestation, mentoring and
awards by academic year with hours totals, and the one-page portfolio (DOCX). Reads the modules that keep those
records through their `timeline()` service functions; keeps no table of its own."""
