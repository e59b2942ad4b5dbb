"""Format overrides per language (settings FORMAT_MODULE_PATH).

Figures are rupiah and indicator values read by Indonesian staff: whatever language the
interface is shown in, numbers are written the Indonesian way (1.234,56)."""
