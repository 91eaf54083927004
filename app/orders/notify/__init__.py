"""Telling others what happened: signed webhooks for every order event (webhooks) and alerts for
orders that stay in a stage past its time limit (alerts). Both run as background tasks."""
