"""Telegram handlers: each turns an update into a call of plain functions and a reply."""
