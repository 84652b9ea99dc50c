"""The reskg HTTP service (FastAPI). ``api.app.create_app`` builds the application."""
