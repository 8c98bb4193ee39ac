"""What every API endpoint shares: translated fields, paging, filters, exports, the router."""
