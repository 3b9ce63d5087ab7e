"""Google Colab's preinstalled versions of what the book needs (the oldest the package supports)."""

COLAB_REQUIREMENTS = [
    "pandas==2.2.2", "numpy==2.0.2", "plotly==5.24.1", "ipywidgets==7.7.1", "scipy", "matplotlib",
    "ipykernel", "nbclient", "nbformat",
]
