"""The platform's own writes (document templates); each module's services live in its app."""
