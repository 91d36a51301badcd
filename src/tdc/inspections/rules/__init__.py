"""The arithmetic of enforcement, as pure functions (no Django): risk score, fines, profit."""
