"""Generated documents (Decree 30/2020 layout): the award decision and its certificates, as PDF."""
