"""Reports read a worksheet and never change it; one module per report, formats shared."""
