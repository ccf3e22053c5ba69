"""Vietnamese groups thousands (36.000.000 đồng); Django's Vietnamese formats leave
NUMBER_GROUPING unset, so large amounts would show as 36000000."""

NUMBER_GROUPING = 3
