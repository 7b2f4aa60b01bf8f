"""Personal data: retention of contact details, deleting a round, an organisation's own data."""
