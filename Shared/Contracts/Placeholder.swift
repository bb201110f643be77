enum PlaceholderContracts {}
