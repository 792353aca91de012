"""Portal: each partnership's public site — pages, news, success stories, library, poll, sign-up, search."""
