"""Commands of the Debian 13 profile (``[world] os = "debian13"``): ``sudo``."""
