"""The employer portal's views, one module per part of the journey."""
