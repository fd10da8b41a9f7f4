"""Pages where board members review the end-of-year report sent to them."""
