"""The actors service: who takes part in co-creation initiatives, and how."""
