# Osprey Data Ltd - lead sweep
{
  'name': 'Osprey Lead Sweep',
  'summary': 'Daily job raising the priority of unassigned leads',
  'version': '17.0.1.0.2',
  'category': 'Sales/CRM',
  'author': 'Osprey Data Ltd',
  'website': 'https://osprey-data.example.com',
  'license': 'LGPL-3',
  'depends': ['crm'],
  'data': [
    'data/ir_cron.xml',
  ],
  'installable': True,
}
