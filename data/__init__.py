"""Package marker: data/ is installed as mcstrat.data so the shipped models.yaml is always found."""
