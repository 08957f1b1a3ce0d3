"""Writes of public participation, one module per topic (decisions, surveys, projects,
proposals, media, messages, emergencies). Each service is atomic, checks the actor's
permission in the body, and writes an audit entry with before and after in the same
transaction; entries never carry the public's personal data."""
