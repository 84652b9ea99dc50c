"""The reskg HTTP service (FastAPI). ``api.app.create_app`` builds the application;
``api.app.create_service`` puts the SPARQL query front before it (what ``reskg serve`` runs)."""
