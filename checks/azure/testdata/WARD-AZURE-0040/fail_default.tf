terraform {
  required_providers {
    azurerm = {
      source = "hashicorp/azurerm"
    }
  }
}

provider "azurerm" {
  features {}
}

resource "azurerm_resource_group" "example" {
  name     = "example-resources"
  location = "West Europe"
}

resource "azurerm_mysql_server" "example" {
  name                         = "example-dbserver"
  location                     = azurerm_resource_group.example.location
  resource_group_name          = azurerm_resource_group.example.name
  sku_name                     = "GP_Gen5_4"
  version                      = "8.0"
  storage_mb                   = 640000
  administrator_login          = "dbadmin"
  administrator_login_password = var.db_password
  ssl_enforcement_enabled      = true
}

variable "db_password" {
  type      = string
  sensitive = true
}
