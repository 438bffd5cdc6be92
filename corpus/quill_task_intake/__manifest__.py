{
	'name': 'Quill Studio | Task intake',
	'version': '16.0.1.3.0',
	'summary': 'New tasks land in triage with the intake tag',
	'author': 'Quill Studio',
	'website': 'https://quill.example.org',
	'category': 'Project',
	'license': 'LGPL-3',
	'depends': ['project'],
	'data': [
		'data/mail_template.xml',
		'data/project_data.xml',
	],
}
