# -*- coding: utf-8 -*-
# Harbor Systems - project tweaks for the client's delivery team
{
    "name": "Harbor: review assignment on tasks",
    "summary": "Hands a task to its reviewer when it reaches a closing stage; tidies VAT numbers",
    "version": "17.0.2.0.1",
    "category": "Services/Project",
    "author": "Harbor Systems",
    "website": "https://harbor-systems.example.net",
    "license": "AGPL-3",
    "depends": ["project"],
    "installable": True,
}
