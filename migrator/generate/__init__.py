"""Generation: behaviour units -> action records, and the residual module."""
