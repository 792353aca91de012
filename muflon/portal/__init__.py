"""Portal: each partnership's public site — pages, news, success stories, the library, search and the page
cache — and its editing by staff. The poll lives in `polls`, the sign-up in `people`."""
