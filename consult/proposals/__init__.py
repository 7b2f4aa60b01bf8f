"""The proposals browser: search, filters, bulk actions and moderation of proposals."""
