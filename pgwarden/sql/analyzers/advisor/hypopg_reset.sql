-- Drop every hypothetical index of this session (hypopg). Returns nothing useful.
SELECT hypopg_reset()
