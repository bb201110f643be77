enum PlaceholderRPC {}
