"""The demo agencies shipped with OpenSAKIP (`sakip demo`)."""
