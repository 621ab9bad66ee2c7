"""The Telegram side of Aftercare Companion."""
