"""ctimod: migrate Salesforce Open CTI softphone adapters to Salesforce (Service Cloud) Voice.

Open CTI is retired on February 28, 2028. ``ctimod scan`` inventories every Open CTI use in a
code base and says what each becomes in Voice.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
