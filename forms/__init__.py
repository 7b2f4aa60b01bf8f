"""flask-wtf forms, one module per feature. Forms validate; they never save."""
